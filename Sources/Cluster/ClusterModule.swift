enum ClusterModule {}
